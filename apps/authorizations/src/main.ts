import './tracing';
import { runStandalone } from '@platform/http';
import { createApp, SERVICE } from './bootstrap';

void runStandalone(SERVICE, () => createApp({ env: process.env }));
