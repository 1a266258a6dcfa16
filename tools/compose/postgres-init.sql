-- One database per service: no service reads another's tables.
CREATE DATABASE oauth;
CREATE DATABASE authorizations;
CREATE DATABASE licensing;
CREATE DATABASE users;
CREATE DATABASE notifications;
CREATE DATABASE webhooks;
CREATE DATABASE audit;
-- The gateway's: only the outbox of its refusals (ADR 0009).
CREATE DATABASE gateway;
