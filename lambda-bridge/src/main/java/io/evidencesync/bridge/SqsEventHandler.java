package io.evidencesync.bridge;

import java.util.ArrayList;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/**
 * Entry point for S3 event notifications delivered through SQS:
 * {@code io.evidencesync.bridge.SqsEventHandler::handleRequest}. Returns a partial batch response, so only the
 * messages whose objects failed are retried (the event source mapping needs {@code ReportBatchItemFailures}).
 */
public final class SqsEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Bridge bridge;

    public SqsEventHandler() {
        this(HandlerSupport.bridgeFromEnvironment());
    }

    SqsEventHandler(Bridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<Bridge.Message> messages = new ArrayList<>();
        if (event != null && event.getRecords() != null) {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                messages.add(new Bridge.Message(message.getMessageId(), message.getBody()));
            }
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String id : bridge.handleMessages(messages, HandlerSupport.invocation(context == null ? null : context.getAwsRequestId(),
                context == null ? null : context::getRemainingTimeInMillis))) {
            failures.add(new SQSBatchResponse.BatchItemFailure(id));
        }
        return new SQSBatchResponse(failures);
    }
}
