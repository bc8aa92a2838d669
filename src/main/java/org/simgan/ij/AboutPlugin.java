package org.simgan.ij;

import ij.IJ;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;
import org.simgan.Version;
import org.simgan.runtime.Engine;

/** Help > About Plugins > About SimGAN...: what this is, its version and what runs the networks. */
public class AboutPlugin implements PlugIn {

    static String text() {
        String ort;
        try {
            ort = "ONNX Runtime " + Engine.environment().getVersion() + ", devices " + ai.onnxruntime.OrtEnvironment.getAvailableProviders();
        } catch (Throwable e) {
            ort = "ONNX Runtime not found (" + e + "): copy the jars/ folder of the distribution next to the plugin";
        }
        return "SimGAN for ImageJ " + Version.VERSION + "\n"
                + "Refines synthetic eye images so they look like real ones (Shrivastava et al., CVPR 2017),\n"
                + "keeping each image's gaze label. Commands: Plugins > SimGAN.\n" + ort;
    }

    @Override
    public void run(String arg) {
        if (GraphicsEnvironment.isHeadless()) IJ.log(text());
        else IJ.showMessage("About SimGAN", text());
    }
}
