package io.evidencesync.core.trace;

import java.util.List;
import java.util.Map;

/**
 * The chain from a build to its proofs, with every link checked.
 *
 * @param target  what the trace started from
 * @param runs    the runs involved (usually one)
 * @param links   links that belong to no object (e.g. "the proof id is indexed")
 */
public record TraceReport(String target, List<RunTrace> runs, List<Link> links) {
    public TraceReport {
        runs = List.copyOf(runs);
        links = List.copyOf(links);
    }

    /** True only when every link of every object and proof holds, and there is at least one object. */
    public boolean verified() {
        return links.stream().allMatch(Link::ok) && !runs.isEmpty()
                && runs.stream().allMatch(RunTrace::verified);
    }

    /**
     * One run: its manifest and the objects traced.
     *
     * @param provenance   the build, from the manifest
     * @param bucket       the evidence bucket
     * @param manifestKey  the manifest key
     * @param manifest     the manifest object itself, traced like evidence (it is uploaded as proof too), or null
     * @param objects      the evidence objects traced
     */
    public record RunTrace(Map<String, String> provenance, String bucket, String manifestKey, ObjectTrace manifest,
                           List<ObjectTrace> objects) {
        public RunTrace {
            objects = List.copyOf(objects);
        }

        boolean verified() {
            return !objects.isEmpty() && objects.stream().allMatch(ObjectTrace::verified)
                    && (manifest == null || manifest.verified());
        }
    }

    /**
     * One S3 object version and its proofs.
     *
     * @param key       the key
     * @param path      the file's path in the build, from the manifest
     * @param versionId the S3 version
     * @param sha256    the SHA-256 recorded at publish time (manifest)
     * @param links     checks on the object and its receipt
     * @param proofs    the proofs its receipt names
     */
    public record ObjectTrace(String key, String path, String versionId, String sha256, List<Link> links,
                              List<ProofTrace> proofs) {
        public ObjectTrace {
            links = List.copyOf(links);
            proofs = List.copyOf(proofs);
        }

        boolean verified() {
            return links.stream().allMatch(Link::ok) && !proofs.isEmpty() && proofs.stream().allMatch(ProofTrace::verified);
        }
    }

    /**
     * One proof in Hyperproof.
     *
     * @param proofId           the proof id
     * @param target            "control" or "organization"
     * @param controlIdentifier the control's identifier, or null
     * @param controlId         the control UUID, or null
     * @param version           the proof version the bridge made
     * @param links             checks against Hyperproof
     */
    public record ProofTrace(String proofId, String target, String controlIdentifier, String controlId, int version,
                             List<Link> links) {
        public ProofTrace {
            links = List.copyOf(links);
        }

        boolean verified() {
            return links.stream().allMatch(Link::ok);
        }
    }
}
