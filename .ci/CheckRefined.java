// Run as: java -cp target/simgan.jar .ci/CheckRefined.java SOURCE.tif MODEL.onnx REFINED.tif
// Exits 0 when REFINED holds exactly what the core's RefinerModel makes of SOURCE, with the same slice labels.
import java.nio.file.Path;
import java.util.Arrays;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.progress.Listener;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Engine;

public class CheckRefined {
    public static void main(String[] a) throws Exception {
        EyeDataset source = DatasetIo.read(Path.of(a[0]));
        EyeDataset refined = DatasetIo.read(Path.of(a[2]));
        EyeDataset expected;
        try (RefinerModel m = new RefinerModel(Path.of(a[1]), Engine.cpu())) {
            expected = m.refine(source, 32, Listener.NONE);
        }
        if (expected.size() != refined.size()) fail("slice counts differ: " + expected.size() + " and " + refined.size());
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.label(i).equals(refined.label(i))) fail("slice " + (i + 1) + " label differs: " + expected.label(i) + " and " + refined.label(i));
        }
        if (expected.size() != refined.size()) fail("slice counts differ");
        for (int i = 0; i < expected.size(); i++) {
            if (!Arrays.equals(expected.pixels(i), refined.pixels(i))) fail("slice " + (i + 1) + " differs");
        }
        System.out.println(refined.size() + " slices equal, labels equal");
        System.exit(0);
    }

    static void fail(String m) {
        System.err.println("CheckRefined: " + m);
        System.exit(1);
    }
}
