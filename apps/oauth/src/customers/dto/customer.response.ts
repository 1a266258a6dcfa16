/** `003_*` customer as created: the only time its token is shown. */
export class CustomerCreatedResponse {
  customer_id: string;
  /** Shown once; stored as a digest. */
  customer_token: string;
  name: string;
}

export class CustomerResponse {
  customer_id: string;
  name: string;
  created_at: Date;
}
