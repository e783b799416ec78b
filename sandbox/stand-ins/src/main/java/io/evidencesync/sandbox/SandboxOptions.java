package io.evidencesync.sandbox;

/**
 * Command-line options of {@link SandboxMain}: the ports of the three stand-ins, each 0 (a free port) by default.
 *
 * @param s3Port         {@code --s3-port}
 * @param hyperproofPort {@code --hyperproof-port}
 * @param ssmPort        {@code --ssm-port}
 */
public record SandboxOptions(int s3Port, int hyperproofPort, int ssmPort) {
    public static final String USAGE = "usage: SandboxMain [--s3-port N] [--hyperproof-port N] [--ssm-port N]  (0 or absent: a free port)";

    public SandboxOptions {
        requirePort("--s3-port", s3Port);
        requirePort("--hyperproof-port", hyperproofPort);
        requirePort("--ssm-port", ssmPort);
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 0, 0);
    }

    /**
     * Parses {@code --name N} or {@code --name=N}.
     *
     * @throws IllegalArgumentException naming the offending argument
     */
    public static SandboxOptions parse(String... args) {
        int s3 = 0;
        int hyperproof = 0;
        int ssm = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--s3-port" -> s3 = port(name, value);
                case "--hyperproof-port" -> hyperproof = port(name, value);
                case "--ssm-port" -> ssm = port(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new SandboxOptions(s3, hyperproof, ssm);
    }

    private static int port(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, was '" + value + "'", e);
        }
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0..65535, was " + port);
        }
    }
}
