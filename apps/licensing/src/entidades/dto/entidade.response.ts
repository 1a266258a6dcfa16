import type { EntityPayload } from '@platform/contracts';
import type { EntidadeEntity } from '../entidade.entity';

export class EntidadeResponse {
  id: string;
  nome: string;
  /** The sphere of government (`002_*`), e.g. `Municipal`. */
  esfera: string;
  cnpj: string | null;
  uf: string | null;
  municipio: string | null;
  reseller: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A reseller (revenda) as its creation answers it. */
export class ResellerResponse {
  id: string;
  nome: string;
}

export function toEntidadeResponse(e: EntidadeEntity): EntidadeResponse {
  return {
    id: e.id,
    nome: e.nome,
    esfera: e.esfera,
    cnpj: e.cnpj,
    uf: e.uf,
    municipio: e.municipio,
    reseller: e.reseller,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export const toEntityPayload = (e: EntidadeEntity): EntityPayload => ({
  id: e.id,
  nome: e.nome,
  esfera: e.esfera,
});
