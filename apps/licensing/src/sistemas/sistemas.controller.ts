import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import { Scopes } from '@platform/auth';
import { SistemaEntity } from './sistema.entity';

export class CreateSistemaDto {
  @IsString()
  @Length(1, 200)
  nome: string;
}

/** Systems that licenses are granted for (admin only; no other service cares, so no event). */
@ApiTags('sistemas')
@Scopes('licenses.suite', 'platform.admin')
@Controller('licenses/v0.1/api/sistemas')
export class SistemasController {
  constructor(private readonly dataSource: DataSource) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: CreateSistemaDto): Promise<{ id: string; nome: string; createdAt: string }> {
    const s = await this.dataSource.getRepository(SistemaEntity).save({ nome: body.nome });
    return { id: s.id, nome: s.nome, createdAt: s.createdAt.toISOString() };
  }
}
