export { startDovecot, type DovecotServer, type DovecotOptions, type MailUser } from './dovecot.js';
export { startSmtpSink, type SmtpSink, type SinkMessage, type SmtpSinkOptions } from './smtp-sink.js';
export { startRadicale, type RadicaleServer } from './radicale.js';
export { startRclone, type RcloneServer } from './rclone.js';
export { freePort, requireProgram } from './server-process.js';
export { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
