package io.evidencesync.sandbox.hyperproof;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.evidencesync.sandbox.http.HttpExchanges;

/**
 * The emulator's front door: takes the request's fault (if any), routes the request, records it with the status it
 * gets, and only then sends the response, so a client that has its answer always finds the request recorded.
 */
final class HyperproofHandler implements HttpHandler {
    private final Router router;
    private final FaultQueue faults;
    private final List<RecordedRequest> log;
    private final Clock clock;

    HyperproofHandler(Router router, FaultQueue faults, List<RecordedRequest> log, Clock clock) {
        this.router = router;
        this.faults = faults;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Instant receivedAt = clock.instant();
        ApiRequest request = new ApiRequest(exchange);
        try {
            Fault fault = faults.next(request.method(), request.path()).orElse(null);
            if (fault instanceof Fault.DropConnection) {
                drop(exchange, request, receivedAt);
                return;
            }
            if (fault instanceof Fault.Delay delay) {
                Thread.sleep(delay.duration().toMillis());
            }
            ApiResponse response = fault instanceof Fault.Respond respond
                    ? new ApiResponse(respond.status(), ApiResponse.JSON, respond.jsonBody().getBytes(StandardCharsets.UTF_8), null,
                            respond.headers())
                    : route(request);
            drain(exchange);
            if (fault instanceof Fault.AcceptThenDropConnection) {
                drop(exchange, request, receivedAt);
                return;
            }
            log.add(request.toRecord(receivedAt, response.status()));
            send(exchange, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException e) {
            // the client went away mid-request; nothing left to answer
            exchange.close();
        }
    }

    /** Any failure of the emulator itself becomes a 500, never a silently dropped connection. */
    private ApiResponse route(ApiRequest request) {
        try {
            return router.dispatch(request);
        } catch (IOException | RuntimeException e) {
            return ApiResponse.error(500, "Emulator failure: " + e.getClass().getSimpleName());
        }
    }

    /** Reads what the endpoint left of the body; a client that already went away shows up when the response is sent. */
    private static void drain(HttpExchange exchange) {
        try {
            HttpExchanges.drainRequestBody(exchange);
        } catch (IOException e) {
            // answered anyway: if the client is gone, sending fails and the exchange is closed below
        }
    }

    private void drop(HttpExchange exchange, ApiRequest request, Instant receivedAt) {
        log.add(request.toRecord(receivedAt, RecordedRequest.NO_RESPONSE));
        HttpExchanges.dropConnection(exchange);
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        if (response.file() == null) {
            HttpExchanges.send(exchange, response.status(), response.contentType(), response.body(), response.headers());
            return;
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        long size = Files.size(response.file());
        exchange.sendResponseHeaders(response.status(), size == 0 ? -1 : size);
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(response.file(), out);
        }
    }
}
