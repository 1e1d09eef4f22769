/** The call chunk's entry (loaded by callScreen.ts): the SDK's Call and the call view. */
export { Call } from '@zvonok/sdk/call';
export { CallView } from '../call/CallView';
