package io.evidencesync.cli.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import javax.net.ssl.SSLException;

import org.apache.http.HttpHost;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * The HTTP client's socket factory for {@code https} when the S3 endpoint is plain HTTP (a local S3-compatible store)
 * and the client talks to nothing else ({@link AwsAccess#endpointOnly()}: publishing): no TLS context is set up,
 * which on a cold JVM means parsing the JDK's trust store (a few hundred milliseconds of CPU). No HTTPS connection is
 * expected then; one would fail, saying why, rather than go out unencrypted.
 */
final class PlainHttpOnly implements ConnectionSocketFactory {
    /** True for an endpoint given as {@code http://}. */
    static boolean appliesTo(URI endpoint) {
        return endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme());
    }

    @Override
    public Socket createSocket(HttpContext context) throws IOException {
        throw refused();
    }

    @Override
    public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
                                InetSocketAddress localAddress, HttpContext context) throws IOException {
        throw refused();
    }

    private static SSLException refused() {
        return new SSLException("no TLS in this run: the S3 endpoint (--endpoint-url) is plain HTTP, so HTTPS was not set up");
    }
}
