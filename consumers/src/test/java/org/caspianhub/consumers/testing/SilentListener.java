package org.caspianhub.consumers.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A SIEM that hangs: it accepts TCP connections (as the kernel of a stuck collector still does)
 * and never reads from them, with a small receive buffer, so a sender's writes soon find the
 * TCP window full.
 */
public final class SilentListener implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    private SilentListener(ServerSocketFactory sockets) throws IOException {
        server = sockets.createServerSocket();
        server.setReceiveBufferSize(4096); // inherited by accepted sockets
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    connections.add(connection);
                    if (connection instanceof SSLSocket tls) {
                        tls.startHandshake(); // the handshake is read; nothing after it ever is
                    }
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        }, "silent-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SilentListener start() {
        try {
            return new SilentListener(ServerSocketFactory.getDefault());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Over TLS: it completes each handshake, then reads nothing more. */
    public static SilentListener startTls(SSLContext context) {
        try {
            return new SilentListener(context.getServerSocketFactory());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.size();
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket connection : connections) {
                connection.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
