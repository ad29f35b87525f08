// Prints a new VAPID key pair for an environment (README "Deploying"):
// VAPID_PUBLIC_KEY (what GET /api/push/key answers) and VAPID_PRIVATE_KEY (a secret).
import { vapidKeyPairSync } from './dev-vars.mjs';

const { publicKey, privateKey } = vapidKeyPairSync();
console.log(`VAPID_PUBLIC_KEY=${publicKey}\nVAPID_PRIVATE_KEY=${privateKey}`);
