export { startHost, type HostOptions, type RunningHost } from './server';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers';
