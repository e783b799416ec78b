package io.evidencesync.bridge.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * The AWS calls the code really makes, as a documented list that {@code TemplateTest} keeps in sync with the
 * bytecode: every {@code S3Client} method, and every method of the bridge's own S3 port {@code S3Objects} (which
 * the function uses instead of the SDK client), called by a class reachable from the bridge's handlers (or from the
 * core publisher), and every {@code AmazonSSM.*} operation named in those classes (the bridge calls SSM over HTTP
 * with its own SigV4 signing, so there is no SDK client method to find). Each entry carries the IAM actions it
 * needs and the key area it touches. When the scan finds a call that is not listed here, the test fails: add it
 * with its IAM actions, then grant them in template.yaml and iam/.
 */
final class AwsCalls {
    static final String S3_CLIENT = "software.amazon.awssdk.services.s3.S3Client";
    /** The S3 port in core (the bridge's calls, the publisher's single PUTs): methods named after the S3 operations. */
    static final String S3_PORT = "io.evidencesync.core.s3.S3Objects";
    /** S3Client methods that build, configure or close the client and send no request. */
    private static final Set<String> NOT_REQUESTS = Set.of("builder", "create", "close", "serviceName", "utilities",
            "waiter", "serviceClientConfiguration");
    private static final Pattern SSM_TARGET = Pattern.compile("AmazonSSM\\.([A-Za-z]+)");

    /** Where in the bucket a call goes. */
    enum Area { EVIDENCE, RECEIPTS }

    /**
     * One S3 call site.
     *
     * @param caller      the calling class's simple name
     * @param operation   the {@code S3Client} or {@code S3Objects} method
     * @param area        the key area
     * @param actions     the IAM actions S3 authorizes the call with
     * @param needs404    the code tells a missing key (404) from other errors, which S3 only reports to callers that
     *                    may list the key ({@code s3:ListBucket} with {@code s3:prefix}); otherwise it answers 403
     * @param why         where in the code, and why these actions
     */
    record S3Call(String caller, String operation, Area area, List<String> actions, boolean needs404, String why) {
        String site() {
            return caller + "." + operation;
        }
    }

    /** The function (both handlers; the replay tool runs with an operator's credentials and is excluded). */
    static final List<S3Call> BRIDGE_S3 = List.of(
            new S3Call("ObjectSpooler", "getObject", Area.EVIDENCE, List.of("s3:GetObject", "s3:GetObjectVersion"), false,
                    "spools the object version named by the event (versionId set on versioned buckets)"),
            new S3Call("RoutePlanner", "headObject", Area.EVIDENCE, List.of("s3:GetObject", "s3:GetObjectVersion"), false,
                    "reads a manifest entry's control override (HEAD with the entry's versionId); 404 means none, any other"
                            + " error fails the manifest for a retry (a deleted version answers 403 without s3:ListBucket,"
                            + " which the function has only on the receipts prefix; in a versioned bucket the listed"
                            + " version outlives a delete)"),
            new S3Call("ReceiptStore", "getObjectAsBytes", Area.RECEIPTS, List.of("s3:GetObject"), true,
                    "reads a receipt; NoSuchKey/404 means none yet"),
            new S3Call("ReceiptStore", "putObject", Area.RECEIPTS, List.of("s3:PutObject"), false,
                    "creates (If-None-Match: *) or replaces (If-Match) a receipt"));

    /** SSM operations the bridge signs itself ({@code SsmParameterStore}). */
    static final List<String> BRIDGE_SSM = List.of("GetParameters");

    /** The CI publishers (core {@code EvidencePublisher}: CLI, GitHub Action, Jenkins). */
    static final List<S3Call> PUBLISHER_S3 = List.of(
            new S3Call("ObjectUploader", "putFile", Area.EVIDENCE, List.of("s3:PutObject"), false,
                    "uploads an evidence file below the multipart threshold with If-None-Match: *"),
            new S3Call("ObjectUploader", "headObject", Area.EVIDENCE, List.of("s3:GetObject"), false,
                    "after a 412 checks the existing key's SHA-256 metadata; before a multipart upload a 403 for a"
                            + " missing key counts as unknown, so no s3:ListBucket is needed"),
            new S3Call("ObjectUploader", "startMultipartUpload", Area.EVIDENCE, List.of("s3:PutObject"), false,
                    "large files"),
            new S3Call("ObjectUploader", "uploadPart", Area.EVIDENCE, List.of("s3:PutObject"), false, "large files"),
            new S3Call("ObjectUploader", "completeMultipartUpload", Area.EVIDENCE, List.of("s3:PutObject"), false,
                    "large files, with If-None-Match: *"),
            new S3Call("ObjectUploader", "abortMultipartUpload", Area.EVIDENCE, List.of("s3:AbortMultipartUpload"), false,
                    "cleans up a failed multipart upload"),
            new S3Call("ManifestWriter", "putBytes", Area.EVIDENCE, List.of("s3:PutObject"), false,
                    "writes the run manifest (If-None-Match: *, then If-Match when merging)"),
            new S3Call("ManifestWriter", "getObjectAsBytes", Area.EVIDENCE, List.of("s3:GetObject"), false,
                    "reads the existing run manifest after a 412 to merge it"),
            // the same port over an SDK S3Client (the Jenkins plugin's): one SDK call per port method
            new S3Call("SdkS3Objects", "putObject", Area.EVIDENCE, List.of("s3:PutObject"), false,
                    "putFile and putBytes through the SDK client"),
            new S3Call("SdkS3Objects", "headObject", Area.EVIDENCE, List.of("s3:GetObject"), false, "headObject"),
            new S3Call("SdkS3Objects", "getObjectAsBytes", Area.EVIDENCE, List.of("s3:GetObject"), false,
                    "getObjectAsBytes (the manifest)"),
            new S3Call("SdkS3Objects", "getObject", Area.EVIDENCE, List.of("s3:GetObject"), false,
                    "the port's streamed read; the publisher never calls it"),
            new S3Call("SdkS3Objects", "createMultipartUpload", Area.EVIDENCE, List.of("s3:PutObject"), false,
                    "startMultipartUpload"),
            new S3Call("SdkS3Objects", "uploadPart", Area.EVIDENCE, List.of("s3:PutObject"), false, "uploadPart"),
            new S3Call("SdkS3Objects", "completeMultipartUpload", Area.EVIDENCE, List.of("s3:PutObject"), false,
                    "completeMultipartUpload"),
            new S3Call("SdkS3Objects", "abortMultipartUpload", Area.EVIDENCE, List.of("s3:AbortMultipartUpload"),
                    false, "abortMultipartUpload"));

    private AwsCalls() {
    }

    static JavaClasses mainClasses() {
        // the bridge's and core's own class locations only (as HandlerArchitectureTest does): fast, and no stand-ins
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(
                        Location.of(io.evidencesync.bridge.S3EventHandler.class.getProtectionDomain().getCodeSource().getLocation()),
                        Location.of(io.evidencesync.core.EvidenceException.class.getProtectionDomain().getCodeSource()
                                .getLocation())));
    }

    /** The project classes reachable from the roots through any dependency (calls, fields, types). */
    static Set<JavaClass> reachable(JavaClasses classes, Predicate<JavaClass> roots, Predicate<JavaClass> excluded) {
        Set<JavaClass> seen = new LinkedHashSet<>();
        Deque<JavaClass> work = new ArrayDeque<>();
        classes.stream().filter(roots).forEach(work::add);
        while (!work.isEmpty()) {
            JavaClass next = work.pop();
            if (!seen.add(next)) {
                continue;
            }
            for (Dependency dependency : next.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (target.getPackageName().startsWith("io.evidencesync") && classes.contain(target.getName())
                        && !excluded.test(target) && !seen.contains(target)) {
                    work.add(classes.get(target.getName()));
                }
            }
        }
        return seen;
    }

    /** "Caller.operation" for every S3Client or S3Objects method called from these classes. */
    static Set<String> s3CallSites(Set<JavaClass> classes) {
        Set<String> sites = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
                String owner = call.getTargetOwner().getName();
                if ((owner.equals(S3_CLIENT) || owner.equals(S3_PORT)) && !NOT_REQUESTS.contains(call.getTarget().getName())) {
                    sites.add(topLevelSimpleName(javaClass) + "." + call.getTarget().getName());
                }
            }
        }
        return sites;
    }

    /** The {@code AmazonSSM.<Operation>} names in the classes' constant pools. */
    static Set<String> ssmOperations(Set<JavaClass> classes) throws IOException {
        Set<String> operations = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            String resource = "/" + javaClass.getName().replace('.', '/') + ".class";
            try (InputStream in = AwsCalls.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no class file " + resource);
                }
                // constant-pool strings are modified UTF-8; the names searched for are ASCII
                Matcher matcher = SSM_TARGET.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                while (matcher.find()) {
                    operations.add(matcher.group(1));
                }
            }
        }
        return operations;
    }

    private static String topLevelSimpleName(JavaClass javaClass) {
        String name = javaClass.getName().substring(javaClass.getPackageName().length() + 1);
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }
}
