package io.evidencesync.sandbox.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** A function for testing the runtime stand-in: echoes the event with the request id, or fails on "fail". */
public class EchoHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        if (event.contains("\"fail\"")) {
            throw new IllegalStateException("asked to fail");
        }
        output.write(("{\"requestId\":\"" + context.getAwsRequestId() + "\",\"remainingPositive\":"
                + (context.getRemainingTimeInMillis() > 0) + ",\"event\":" + event + "}").getBytes(StandardCharsets.UTF_8));
    }
}
