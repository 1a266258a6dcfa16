import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { AllowList } from './allow-list';
import { InvalidListQueryError } from './list-errors';
import { Page, paginate } from './paginate';
import { ListQuery } from './list-query.dto';

// libs/http sits below libs/testing, so this suite makes its own database on the run's server.
const adminUrl = (): string => {
  const url = process.env.TEST_PG_URL;
  if (!url) throw new Error('no Postgres for tests: run them with jest (global setup)');
  return url;
};

@Entity('people')
class Person {
  @PrimaryColumn('text') id: string;
  @Column('text', { nullable: true }) name: string | null;
  @Column('integer') age: number;
  @Column('boolean') admin: boolean;
  @Column('uuid') ref: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

const fields: AllowList = {
  id: { column: 'p.id', type: 'string' },
  name: { column: 'p.name', type: 'string' },
  age: { column: 'p.age', type: 'integer' },
  admin: { column: 'p.admin', type: 'boolean' },
  ref: { column: 'p.ref', type: 'uuid' },
  created: { column: 'p.createdAt', type: 'timestamp' },
};

describe('paginate on Postgres', () => {
  const dbName = `t_http_list_${randomBytes(4).toString('hex')}`;
  let ds: DataSource;

  beforeAll(async () => {
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl());
    url.pathname = `/${dbName}`;
    ds = await new DataSource({
      type: 'postgres',
      url: url.toString(),
      entities: [Person],
    }).initialize();
    await ds.query(`CREATE TABLE people (id text PRIMARY KEY, name text, age integer NOT NULL,
      admin boolean NOT NULL, ref uuid NOT NULL, created_at timestamptz NOT NULL)`);
    await ds.query(`INSERT INTO people VALUES
      ('kaio.stricker', 'Kaio Stricker', 31, true, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-01-10T00:00:00Z'),
      ('ana.souza', 'Ana Souza', 25, false, 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', '2024-02-10T00:00:00Z'),
      ('bruno.lima', 'Bruno O''Lima', 40, false, 'c0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13', '2024-03-10T00:00:00Z'),
      ('carla.dias', NULL, 25, true, 'd0eebc99-9c0b-4ef8-bb6d-6bb9bd380a14', '2024-04-10T00:00:00Z')`);
  });

  afterAll(async () => {
    await ds?.destroy();
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  const list = (query: ListQuery): Promise<Page<Person>> =>
    paginate(ds.getRepository(Person).createQueryBuilder('p'), query, fields);
  const ids = async (query: ListQuery): Promise<string[]> =>
    (await list(query)).content.map((p) => p.id);

  it("finds the seed's user by id='kaio.stricker'", async () => {
    const page = await list({ filter: "id='kaio.stricker'" });
    expect(page).toMatchObject({ offset: 0, limit: 20, hasNext: false });
    expect(page.content.map((p) => p.name)).toEqual(['Kaio Stricker']);
  });

  it.each<[string, string[]]>([
    ["id != 'kaio.stricker'", ['ana.souza', 'bruno.lima', 'carla.dias']],
    ['age < 31', ['ana.souza', 'carla.dias']],
    ['age <= 31', ['ana.souza', 'carla.dias', 'kaio.stricker']],
    ['age > 31', ['bruno.lima']],
    ['age >= 31', ['bruno.lima', 'kaio.stricker']],
    ['age > 99999999999', []],
    ["name like '%Souza'", ['ana.souza']],
    ["name = 'Bruno O''Lima'", ['bruno.lima']],
    ["id in ('ana.souza', 'carla.dias', 'nobody')", ['ana.souza', 'carla.dias']],
    ['name is null', ['carla.dias']],
    ['name is not null', ['ana.souza', 'bruno.lima', 'kaio.stricker']],
    ['admin = true', ['carla.dias', 'kaio.stricker']],
    ["ref = 'C0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A13'", ['bruno.lima']],
    [
      "created >= '2024-02-10' and created < '2024-04-01T00:00:00-03:00'",
      ['ana.souza', 'bruno.lima'],
    ],
    ["admin = true or age = 40 and name like 'B%'", ['bruno.lima', 'carla.dias', 'kaio.stricker']],
    ['(admin = true or age = 40) and name is not null', ['bruno.lima', 'kaio.stricker']],
    ["name = 'x'' OR ''1''=''1'", []],
  ])('filters %s', async (filter, expected) => {
    expect(await ids({ filter })).toEqual(expected);
  });

  it('sorts by several keys and pages with hasNext', async () => {
    expect(await ids({ sort: 'age desc, id asc' })).toEqual([
      'bruno.lima',
      'kaio.stricker',
      'ana.souza',
      'carla.dias',
    ]);
    expect(await ids({ order: 'age asc, id desc' })).toEqual([
      'carla.dias',
      'ana.souza',
      'kaio.stricker',
      'bruno.lima',
    ]);
    expect(await list({ limit: 3, offset: 0 })).toMatchObject({ hasNext: true, limit: 3 });
    const last = await list({ limit: 3, offset: 3 });
    expect(last).toMatchObject({ hasNext: false, offset: 3 });
    expect(last.content.map((p) => p.id)).toEqual(['kaio.stricker']);
    expect(await list({ limit: 2, offset: 2 })).toMatchObject({ hasNext: false });
  });

  it('answers hostile filters with a 400 before touching the database', async () => {
    await expect(list({ filter: "id = 'x'; DROP TABLE people" })).rejects.toBeInstanceOf(
      InvalidListQueryError,
    );
    await expect(list({ filter: "password = 'x'" })).rejects.toBeInstanceOf(InvalidListQueryError);
    await expect(list({ sort: 'id; DROP TABLE people' })).rejects.toBeInstanceOf(
      InvalidListQueryError,
    );
    expect(await ids({})).toHaveLength(4);
  });
});
