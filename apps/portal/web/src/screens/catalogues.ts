// Every screen's message catalogue, by language and namespace (one namespace per screen folder).
import accessesEn from './accesses/en.json';
import accessesPt from './accesses/pt-BR.json';
import applicationsEn from './applications/en.json';
import applicationsPt from './applications/pt-BR.json';
import auditEn from './audit/en.json';
import auditPt from './audit/pt-BR.json';
import channelRequestsEn from './channel-requests/en.json';
import channelRequestsPt from './channel-requests/pt-BR.json';
import contextsEn from './contexts/en.json';
import contextsPt from './contexts/pt-BR.json';
import homeEn from './home/en.json';
import homologationEn from './homologation/en.json';
import homologationPt from './homologation/pt-BR.json';
import homePt from './home/pt-BR.json';
import integrationEn from './integration/en.json';
import integrationPt from './integration/pt-BR.json';
import licensesEn from './licenses/en.json';
import licensesPt from './licenses/pt-BR.json';
import notificationsEn from './notifications/en.json';
import notificationsPt from './notifications/pt-BR.json';
import webhooksEn from './webhooks/en.json';
import webhooksPt from './webhooks/pt-BR.json';

export const catalogues = {
  'pt-BR': {
    accesses: accessesPt,
    applications: applicationsPt,
    audit: auditPt,
    channelRequests: channelRequestsPt,
    integration: integrationPt,
    contexts: contextsPt,
    home: homePt,
    homologation: homologationPt,
    licenses: licensesPt,
    notifications: notificationsPt,
    webhooks: webhooksPt,
  },
  en: {
    accesses: accessesEn,
    applications: applicationsEn,
    audit: auditEn,
    channelRequests: channelRequestsEn,
    integration: integrationEn,
    contexts: contextsEn,
    home: homeEn,
    homologation: homologationEn,
    licenses: licensesEn,
    notifications: notificationsEn,
    webhooks: webhooksEn,
  },
};
