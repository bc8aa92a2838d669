package org.simgan.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The plugin in a real ImageJ (Debian's {@code imagej} under {@code xvfb-run}): every example macro of
 * {@code macros/} runs against the installed {@code target/fiji/} and the files it writes are checked, by
 * {@code .ci/imagej-macros.sh}. Runs after {@code package} (failsafe, in {@code mvn verify}). Skipped with a message
 * where ImageJ or xvfb is not installed, except in CI ({@code CI=true}), where .ci/run installs them and a missing
 * ImageJ is a failure.
 */
class RealImageJIT {

    private static boolean installed(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }

    @Test
    void exampleMacrosRunInARealImageJ() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean present = installed("imagej") && installed("xvfb-run");
        if (!ci) assumeTrue(present, "Debian's imagej and xvfb are not installed (apt-get install -y imagej xvfb): real-ImageJ check skipped");
        Path log = Path.of("target", "imagej-macros.log");
        ProcessBuilder pb = new ProcessBuilder("bash", ".ci/imagej-macros.sh").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SIMGAN_REQUIRE_IMAGEJ", "1");
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the real-ImageJ macros did not finish in 15 minutes; see " + log);
        }
        String out = Files.readString(log);
        System.out.println(out);
        assertEquals(0, p.exitValue(), "real-ImageJ macro check failed:\n" + out);
    }
}
