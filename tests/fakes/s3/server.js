// A local S3-compatible server for the tests of the S3 file store: node server.js <port> <directory>.
// Prints "listening <port>" once it accepts requests; stops on SIGTERM or when its stdin closes (the test ended).
const S3rver = require('s3rver');

const port = Number(process.argv[2] || 0);
const directory = process.argv[3] || require('fs').mkdtempSync(require('os').tmpdir() + '/koprogo-s3-');
const server = new S3rver({ port, address: '127.0.0.1', directory, silent: true });
server.run().then(({ port: bound }) => console.log(`listening ${bound}`));
const stop = () => server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
