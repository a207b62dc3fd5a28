/** Jest globalTeardown (jest.config.js): see skipNotice.ts. */
import { teardown } from './skipNotice';

export default teardown;
