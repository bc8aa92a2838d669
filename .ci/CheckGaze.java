// Run as: java -cp target/simgan.jar .ci/CheckGaze.java SOURCE.tif GAZE.onnx PREDICTED.tif
// Exits 0 when PREDICTED holds SOURCE's pixels and names with the gazes the core's GazeModel predicts as slice labels.
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;
import org.simgan.data.io.DatasetIo;
import org.simgan.eval.GazeModel;
import org.simgan.progress.Listener;
import org.simgan.runtime.Engine;

public class CheckGaze {
    public static void main(String[] a) throws Exception {
        EyeDataset source = DatasetIo.read(Path.of(a[0]));
        EyeDataset predicted = DatasetIo.read(Path.of(a[2]));
        List<Gaze> expected;
        try (GazeModel m = GazeModel.load(Path.of(a[1]), Engine.cpu())) {
            expected = m.predict(source, 256, Listener.NONE);
        }
        if (source.size() != predicted.size()) fail("slice counts differ: " + source.size() + " and " + predicted.size());
        for (int i = 0; i < source.size(); i++) {
            String want = new SliceLabel(source.label(i).name(), expected.get(i)).format();
            if (!want.equals(predicted.label(i).format())) fail("slice " + (i + 1) + " label is '" + predicted.label(i).format() + "', expected '" + want + "'");
            if (!Arrays.equals(source.pixels(i), predicted.pixels(i))) fail("slice " + (i + 1) + " pixels differ from the source");
        }
        System.out.println(predicted.size() + " slices: predicted gazes in the labels, pixels unchanged");
        System.exit(0);
    }

    static void fail(String m) {
        System.err.println("CheckGaze: " + m);
        System.exit(1);
    }
}
