// Used by .ci/imagej-macros.sh: trains briefly WITH windows (not batch mode) under a virtual display, arranges the
// loss plot and the preview, and saves a screen capture. Argument: the same keys as train-from-hdf5.ijm plus png=[...].
args = getArgument();
synthetic = call("ij.Macro.getValue", args, "synthetic", "");
real = call("ij.Macro.getValue", args, "real", "");
output = call("ij.Macro.getValue", args, "output", "");
settings = call("ij.Macro.getValue", args, "settings", "");
png = call("ij.Macro.getValue", args, "png", "");
run("Train SimGAN", "synthetic=[" + synthetic + "] real=[" + real + "] output=[" + output + "] " + settings);
wait(1500);
for (i = 1; i <= nImages; i++) {
    selectImage(i);
    t = getTitle();
    if (startsWith(t, "SimGAN losses")) setLocation(0, 120);
    if (startsWith(t, "SimGAN preview")) setLocation(0, 560);
}
if (isOpen("Log")) { selectWindow("Log"); setLocation(720, 120); }
wait(1500);
run("Capture Screen");
saveAs("PNG", png);
print("screenshot saved: " + png);
File.saveString("done\n", output + File.separator + "screenshot.done");
close("*");
run("Quit");
