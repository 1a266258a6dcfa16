import { BadRequestException } from '@nestjs/common';
import { sparseFields } from './sparse-fields';
import { ENTIDADE_FIELDS } from './entidades.repository';

describe('sparse fields (`?fields=esfera`)', () => {
  const row = { id: 'e1', nome: 'Prefeitura', esfera: 'MUNICIPAL', uf: 'SC' };

  it('keeps the asked fields and the id', () => {
    expect(sparseFields<typeof row>('esfera', ENTIDADE_FIELDS)(row)).toEqual({
      id: 'e1',
      esfera: 'MUNICIPAL',
    });
    expect(sparseFields<typeof row>(' nome , uf ', ENTIDADE_FIELDS)(row)).toEqual({
      id: 'e1',
      nome: 'Prefeitura',
      uf: 'SC',
    });
    expect(sparseFields<typeof row>(undefined, ENTIDADE_FIELDS)(row)).toBe(row);
  });

  it('refuses names outside the allow-list, including prototype keys', () => {
    expect(() => sparseFields('senha', ENTIDADE_FIELDS)).toThrow(BadRequestException);
    expect(() => sparseFields('constructor', ENTIDADE_FIELDS)).toThrow(BadRequestException);
  });
});
