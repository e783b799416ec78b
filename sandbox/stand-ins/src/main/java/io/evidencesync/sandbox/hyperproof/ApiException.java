package io.evidencesync.sandbox.hyperproof;

/** Ends a request early with an error response; messages name the offending value but never a secret. */
final class ApiException extends Exception {
    private final transient ApiResponse response;

    ApiException(ApiResponse response, String message) {
        super(message);
        this.response = response;
    }

    static ApiException of(int status, String message) {
        return new ApiException(ApiResponse.error(status, message), message);
    }

    static ApiException badRequest(String message) {
        return of(400, message);
    }

    static ApiException notFound(String message) {
        return of(404, message);
    }

    ApiResponse response() {
        return response;
    }
}
