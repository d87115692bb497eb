import pkg from '../../package.json';

export const PROGRAM_VERSION: string = pkg.version;
