package io.evidencesync.core.evidence;

import java.util.Arrays;

import io.evidencesync.core.EvidenceException;

/** What kind of evidence a file holds; its {@link #id()} is what object metadata and manifests carry. */
public enum EvidenceFormat {
    /** One OpenTelemetry OTLP-JSON logs document ({@code ExportLogsServiceRequest}). */
    OTLP_JSON("otlp-json"),
    /** OTLP-JSON logs documents, one per line (the OpenTelemetry file exporter's JSON Lines). */
    OTLP_JSONL("otlp-jsonl"),
    /** Raw OCSF JSON: one finding object, or an array of them. */
    OCSF_JSON("ocsf-json"),
    /** OCSF findings, one JSON object per line. */
    OCSF_JSONL("ocsf-jsonl"),
    /** Any other file, published only when opaque evidence is explicitly allowed; never parsed. */
    OPAQUE("opaque"),
    /** An Evidence Sync run manifest. */
    MANIFEST("manifest");

    private final String id;

    EvidenceFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static EvidenceFormat fromId(String id) {
        return Arrays.stream(values()).filter(format -> format.id.equals(id)).findFirst()
                .orElseThrow(() -> new EvidenceException("unknown evidence format '" + id + "'; known: "
                        + Arrays.stream(values()).map(EvidenceFormat::id).toList()));
    }
}
