#!/bin/sh
# Creates or upgrades the Temporal server's two PostgreSQL databases (history and visibility) with
# temporal-sql-tool from the temporalio/admin-tools image of the same version as the server. Every step
# is idempotent: an existing database is kept, and update-schema applies only the versions it lacks,
# so compose runs this before every start of the server (this replaces temporalio/auto-setup).
set -eu

: "${SQL_HOST:?}" "${SQL_PORT:?}" "${SQL_USER:?}" "${SQL_PASSWORD:?}"
SCHEMA=/etc/temporal/schema/postgresql/v12

sql() {
  temporal-sql-tool --plugin postgres12 --ep "$SQL_HOST" -p "$SQL_PORT" -u "$SQL_USER" --pw "$SQL_PASSWORD" "$@"
}

for store in temporal:temporal temporal_visibility:visibility; do
  database="${store%:*}"
  schema="${store#*:}"
  echo "schema of $database"
  sql --db "$database" create
  sql --db "$database" setup-schema -v 0.0
  sql --db "$database" update-schema -d "$SCHEMA/$schema/versioned"
done
