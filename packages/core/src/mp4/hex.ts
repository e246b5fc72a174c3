// Hex helpers live with the other byte helpers; re-exported for @tessera/core/mp4 users.
export { toHex, fromHex } from '../util/bytes';
