-- One database per service: no service reads another's tables.
CREATE DATABASE oauth;
CREATE DATABASE authorizations;
CREATE DATABASE licensing;
CREATE DATABASE users;
CREATE DATABASE notifications;
CREATE DATABASE webhooks;
CREATE DATABASE audit;
