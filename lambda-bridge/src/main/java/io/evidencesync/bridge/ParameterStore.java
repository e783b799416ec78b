package io.evidencesync.bridge;

import java.util.List;
import java.util.Map;

/** Reads SecureString parameters, decrypted, in one call. */
@FunctionalInterface
interface ParameterStore {
    /**
     * @return name to value for every name
     * @throws io.evidencesync.core.EvidenceException naming the missing parameters, or when SSM cannot be reached
     */
    Map<String, String> getDecrypted(List<String> names);
}
