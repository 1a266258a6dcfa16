#!/usr/bin/env bash
# Postgres's first boot under docker compose (/docker-entrypoint-initdb.d): one login role and one
# database per service. Each role owns its database, so its migrations can create tables there,
# and nothing else: no superuser, no CREATEDB, and no other service's database (CONNECT is revoked
# from PUBLIC). The services are those with a <SERVICE>_DB_PASSWORD (tools/gen-keys.mjs); the
# ones in CREATEROLE_SERVICES may create roles (the audit migration makes its insert-only role).
# Idempotent: run it again to apply changed passwords, e.g.
#   docker compose exec postgres bash /docker-entrypoint-initdb.d/10-roles.sh
set -euo pipefail

services=$(env | sed -n 's/^\([A-Z][A-Z0-9_]*\)_DB_PASSWORD=.*/\1/p' | tr 'A-Z' 'a-z' | sort)
if [ -z "$services" ]; then
  echo "postgres-init: no <SERVICE>_DB_PASSWORD set; run node tools/gen-keys.mjs > .env" >&2
  exit 1
fi

for service in $services; do
  password_var="$(echo "$service" | tr 'a-z' 'A-Z')_DB_PASSWORD"
  createrole=NOCREATEROLE
  case " ${CREATEROLE_SERVICES:-} " in *" $service "*) createrole=CREATEROLE ;; esac
  psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet \
    --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
    -v name="$service" -v password="${!password_var}" -v createrole="$createrole" <<'SQL'
SELECT format('CREATE ROLE %I', :'name')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB %s NOREPLICATION NOBYPASSRLS PASSWORD %L',
  :'name', :'createrole', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'name', :'name') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SQL
  echo "postgres-init: role and database ${service} ($createrole)"
done
