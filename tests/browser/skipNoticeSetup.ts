/** Jest globalSetup (jest.config.js): see skipNotice.ts. */
import { setup } from './skipNotice';

export default setup;
