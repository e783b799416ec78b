package io.evidencesync.sandbox.ssm;

import java.util.List;

/**
 * One call the SSM emulator answered (never the values it returned).
 *
 * @param operation      the {@code X-Amz-Target} operation, e.g. {@code GetParameter}, or the raw header when unknown
 * @param names          the requested parameter names, in request order
 * @param withDecryption the request's {@code WithDecryption} (false when absent)
 * @param status         the HTTP status sent
 * @param errorType      the {@code __type} of an error answer, or null on success
 */
public record SsmCall(String operation, List<String> names, boolean withDecryption, int status, String errorType) {
    public SsmCall {
        names = List.copyOf(names);
    }
}
