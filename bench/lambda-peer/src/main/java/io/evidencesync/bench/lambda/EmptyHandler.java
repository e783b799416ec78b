package io.evidencesync.bench.lambda;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * The benchmark's floor: a handler that reads the event and answers at once, without any AWS or HTTP call. Its cold
 * start is what the JVM, the runtime interface client and the runtime API stand-in cost on the machine; its warm time
 * is the round trip through the runtime API. Not part of the product.
 */
public class EmptyHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        input.readAllBytes();
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
