/**
 * socket.io-client, which the control channel imports when the room's session starts (`loadSocketIo`), not
 * with the room's code: importing it through this module gives its chunk a name that says what it holds.
 */
export { io } from 'socket.io-client';
