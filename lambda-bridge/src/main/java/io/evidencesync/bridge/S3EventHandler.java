package io.evidencesync.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * Entry point for S3 event notifications delivered directly to the function:
 * {@code io.evidencesync.bridge.S3EventHandler::handleRequest}. The event is read as raw JSON (the same parser as
 * for SQS bodies; no POJO mapping by the runtime). Any object that cannot be synced fails the invocation, so Lambda
 * retries it and finally hands it to the DLQ / on-failure destination.
 */
public final class S3EventHandler implements RequestStreamHandler {
    private final Bridge bridge;

    public S3EventHandler() {
        this(HandlerSupport.bridgeFromEnvironment());
    }

    S3EventHandler(Bridge bridge) {
        this.bridge = bridge;
    }

    /**
     * The handler wired from the given environment instead of the process's: for running the bridge in-process
     * (the local sandbox pipeline, replays). Same code path, same receipts and idempotency as in Lambda; AWS
     * credentials and the S3 endpoint are taken from the given environment too.
     */
    public static S3EventHandler forEnvironment(java.util.Map<String, String> environment) {
        return new S3EventHandler(Bridge.fromEnvironment(environment));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String json = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Bridge.Result result = bridge.handleEvent(json, HandlerSupport.invocation(context == null ? null : context.getAwsRequestId(),
                context == null ? null : context::getRemainingTimeInMillis));
        if (result.failed()) {
            throw new BridgeFailureException(result.failureMessage());
        }
        output.write(result.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
