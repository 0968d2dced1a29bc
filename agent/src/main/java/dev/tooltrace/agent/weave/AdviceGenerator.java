/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Writes, for one tracked method, the class file of a Byte Buddy advice template whose enter method
 * binds every argument with its exact type and hands it to the {@code Bridge} method for that type
 * ({@code argI}, {@code argJ}, {@code argD}, {@code argZ}, {@code argL}), and whose exit method
 * does the same with the return value. Generic advice ({@code @AllArguments Object[]}) would
 * allocate an array and box every primitive on every call; this does neither.
 *
 * <p>The tool id is compiled in as a constant. The template is never loaded as a class: Byte Buddy
 * reads its bytes and inlines the two methods into the tracked method.
 *
 * <pre>
 * static Object enter(P0 a0, P1 a1, ...) {
 *   Object f = Bridge.enter(TOOL_ID);
 *   if (f != null) { Bridge.argX(f, a0); ...; Bridge.begin(f); }
 *   return f;
 * }
 * static void exit(Object f, R r, Throwable t) {   // r absent for void methods
 *   if (f != null) { if (t != null) Bridge.exitThrown(f, t); else Bridge.exitX(f, r); }
 * }
 * </pre>
 */
final class AdviceGenerator {
  static final String BRIDGE = "dev/tooltrace/bootstrap/Bridge";
  private static final String OBJ = "Ljava/lang/Object;";
  private static final String ADVICE = "Lnet/bytebuddy/asm/Advice$";

  private AdviceGenerator() {}

  static String templateName(int toolId) {
    return "dev.tooltrace.agent.weave.generated.Tool" + toolId + "Advice";
  }

  static byte[] generate(int toolId, MethodDescription method) {
    String internal = templateName(toolId).replace('.', '/');
    ClassWriter cw =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
          @Override
          protected String getCommonSuperClass(String a, String b) {
            return "java/lang/Object";
          }
        };
    cw.visit(
        Opcodes.V1_8,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL,
        internal,
        null,
        "java/lang/Object",
        null);
    writeEnter(cw, toolId, method);
    writeExit(cw, method.getReturnType().asErasure());
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** The descriptor letter our bridge uses for a type: Z, I, J, D or L. */
  static char bridgeKind(TypeDescription t) {
    if (!t.isPrimitive()) {
      return 'L';
    }
    switch (t.getName()) {
      case "boolean":
        return 'Z';
      case "long":
        return 'J';
      case "float":
      case "double":
        return 'D';
      default:
        return 'I';
    }
  }

  private static String bridgeDesc(char kind) {
    return kind == 'L' ? OBJ : String.valueOf(kind);
  }

  private static void writeEnter(ClassWriter cw, int toolId, MethodDescription method) {
    StringBuilder desc = new StringBuilder("(");
    var params = method.getParameters();
    for (var p : params) {
      TypeDescription t = p.getType().asErasure();
      desc.append(t.isPrimitive() ? t.getDescriptor() : OBJ);
    }
    desc.append(")").append(OBJ);
    MethodVisitor mv =
        cw.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "enter", desc.toString(), null, null);
    AnnotationVisitor av = mv.visitAnnotation(ADVICE + "OnMethodEnter;", true);
    av.visit("suppress", Type.getType(Throwable.class));
    av.visitEnd();
    int slot = 0;
    int[] slots = new int[params.size()];
    for (int i = 0; i < params.size(); i++) {
      AnnotationVisitor pa = mv.visitParameterAnnotation(i, ADVICE + "Argument;", true);
      pa.visit("value", i);
      pa.visit("readOnly", Boolean.TRUE);
      pa.visitEnd();
      slots[i] = slot;
      slot += params.get(i).getType().getStackSize().getSize();
    }
    int frameSlot = slot;
    mv.visitCode();
    mv.visitLdcInsn(toolId);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "enter", "(I)" + OBJ, false);
    mv.visitVarInsn(Opcodes.ASTORE, frameSlot);
    mv.visitVarInsn(Opcodes.ALOAD, frameSlot);
    Label end = new Label();
    mv.visitJumpInsn(Opcodes.IFNULL, end);
    for (int i = 0; i < params.size(); i++) {
      TypeDescription t = params.get(i).getType().asErasure();
      char kind = bridgeKind(t);
      mv.visitVarInsn(Opcodes.ALOAD, frameSlot);
      mv.visitVarInsn(
          Type.getType(t.isPrimitive() ? t.getDescriptor() : OBJ).getOpcode(Opcodes.ILOAD),
          slots[i]);
      if (t.represents(float.class)) {
        mv.visitInsn(Opcodes.F2D);
      }
      mv.visitMethodInsn(
          Opcodes.INVOKESTATIC, BRIDGE, "arg" + kind, "(" + OBJ + bridgeDesc(kind) + ")V", false);
    }
    mv.visitVarInsn(Opcodes.ALOAD, frameSlot);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "begin", "(" + OBJ + ")V", false);
    mv.visitLabel(end);
    mv.visitVarInsn(Opcodes.ALOAD, frameSlot);
    mv.visitInsn(Opcodes.ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void writeExit(ClassWriter cw, TypeDescription ret) {
    boolean isVoid = ret.represents(void.class);
    String retDesc = ret.isPrimitive() ? ret.getDescriptor() : OBJ;
    String desc =
        isVoid
            ? "(" + OBJ + "Ljava/lang/Throwable;)V"
            : "(" + OBJ + retDesc + "Ljava/lang/Throwable;)V";
    MethodVisitor mv =
        cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "exit", desc, null, null);
    AnnotationVisitor av = mv.visitAnnotation(ADVICE + "OnMethodExit;", true);
    av.visit("suppress", Type.getType(Throwable.class));
    av.visit("onThrowable", Type.getType(Throwable.class));
    av.visitEnd();
    mv.visitParameterAnnotation(0, ADVICE + "Enter;", true).visitEnd();
    int tParam = 1;
    int tSlot = 1;
    if (!isVoid) {
      AnnotationVisitor ra = mv.visitParameterAnnotation(1, ADVICE + "Return;", true);
      ra.visit("readOnly", Boolean.TRUE);
      ra.visitEnd();
      tParam = 2;
      tSlot = 1 + ret.getStackSize().getSize();
    }
    mv.visitParameterAnnotation(tParam, ADVICE + "Thrown;", true).visitEnd();
    mv.visitCode();
    Label end = new Label();
    Label normal = new Label();
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitJumpInsn(Opcodes.IFNULL, end);
    mv.visitVarInsn(Opcodes.ALOAD, tSlot);
    mv.visitJumpInsn(Opcodes.IFNULL, normal);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitVarInsn(Opcodes.ALOAD, tSlot);
    mv.visitMethodInsn(
        Opcodes.INVOKESTATIC, BRIDGE, "exitThrown", "(" + OBJ + "Ljava/lang/Throwable;)V", false);
    mv.visitJumpInsn(Opcodes.GOTO, end);
    mv.visitLabel(normal);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    if (isVoid) {
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "exitV", "(" + OBJ + ")V", false);
    } else {
      char kind = bridgeKind(ret);
      mv.visitVarInsn(Type.getType(retDesc).getOpcode(Opcodes.ILOAD), 1);
      if (ret.represents(float.class)) {
        mv.visitInsn(Opcodes.F2D);
      }
      mv.visitMethodInsn(
          Opcodes.INVOKESTATIC, BRIDGE, "exit" + kind, "(" + OBJ + bridgeDesc(kind) + ")V", false);
    }
    mv.visitLabel(end);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }
}
