import { ApiProperty } from '@nestjs/swagger';

export class GrantableScopes {
  @ApiProperty({
    type: [String],
    description: "The scopes the caller may give the context's applications.",
  })
  grantable!: string[];
}
