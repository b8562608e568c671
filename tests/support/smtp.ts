import net from "node:net";

/**
 * A minimal SMTP server on a free port that keeps what it receives (a real socket, no TLS).
 * With `refuse`, it answers a message's DATA with a temporary failure (451) while refuse() is true,
 * as a mail server that is full or greylisting does.
 */
export async function startSmtpServer(options: { refuse?: () => boolean } = {}) {
  const received: string[] = [];
  let refused = 0;
  const server = net.createServer((socket) => {
    let inData = false;
    let buffer = "";
    let message = "";
    socket.write("220 test ESMTP\r\n");
    socket.on("error", () => {});
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let index: number;
      while ((index = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(message);
            message = "";
            socket.write("250 OK queued\r\n");
          } else message += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write("250-test\r\n250 8BITMIME\r\n");
        else if (/^DATA/i.test(line)) {
          if (options.refuse?.()) {
            refused++;
            socket.write("451 4.3.0 try again later\r\n");
          } else {
            inData = true;
            socket.write("354 go ahead\r\n");
          }
        } else if (/^QUIT/i.test(line)) socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
