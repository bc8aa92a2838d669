// Share a trained refiner as a bioimage.io model package (.zip), then load the package back and refine a stack
// with it. bioimage.io tools (deepImageJ, bioimageio.core, ...) run the same package.
// Argument: model=[run1/refiner.onnx] synthetic=[images like the training's synthetic side: a few become the
// package's test input] output=[refiner.zip], optional name=[...] authors=[Ann Smith; Bo Li] license=[CC-BY-4.0]
// evaluation=[report folder of Evaluate Refinement] stack=[a stack to refine with the package] saveto=[refined.tif].
args = getArgument();
model = call("ij.Macro.getValue", args, "model", "");
synthetic = call("ij.Macro.getValue", args, "synthetic", "");
output = call("ij.Macro.getValue", args, "output", "");
name = call("ij.Macro.getValue", args, "name", "");
authors = call("ij.Macro.getValue", args, "authors", "");
license = call("ij.Macro.getValue", args, "license", "CC-BY-4.0");
evaluation = call("ij.Macro.getValue", args, "evaluation", "");
stack = call("ij.Macro.getValue", args, "stack", "");
saveTo = call("ij.Macro.getValue", args, "saveto", "");
if (model == "" || synthetic == "" || output == "") exit("give model=[refiner.onnx] synthetic=[file] output=[package.zip]");

setBatchMode(true);
run("Export as bioimage.io", "model=[" + model + "] synthetic=[" + synthetic + "] output=[" + output + "] samples=4 name=[" + name
    + "] authors=[" + authors + "] license=[" + license + "] evaluation=[" + evaluation + "]");
print("package: " + output);
if (stack != "") {
    // the package loads like a .onnx refiner, and refines with its own pre- and postprocessing
    run("Load Refiner", "model=[" + output + "]");
    open(stack);
    run("Refine Stack", "batch=32"); // no image: the current one, the stack just opened
    print("refined " + nSlices + " slices with " + Property.get("SimGAN.model"));
    if (saveTo != "") saveAs("Tiff", saveTo);
}
