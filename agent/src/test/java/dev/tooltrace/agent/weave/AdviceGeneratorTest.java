/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.agent.weave.RecordingDispatcher.Event;
import dev.tooltrace.agent.weave.RecordingDispatcher.Mode;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The advice {@link AdviceGenerator} writes, woven in-process by the real {@link Weaver} (installed
 * with {@code ByteBuddyAgent.install()}) into {@code testapp.Shapes} (outside the agent's own
 * packages, which are never woven): every signature shape reaches the Bridge method of its kind,
 * primitives unboxed, in parameter order, on one frame; results and exceptions reach the caller
 * unchanged, also when the dispatcher declines or throws.
 */
class AdviceGeneratorTest {
  private static final String SHAPES = "dev.tooltrace.testapp.Shapes";
  private static final String PLAIN = "dev.tooltrace.testapp.Plain";
  private static final RecordingDispatcher BRIDGE = RecordingDispatcher.INSTANCE;

  private static Instrumentation inst;
  private static ClassFileTransformer weaving;
  private static Class<?> shapes;
  private static Class<?> plain;
  private static Object instance;

  @BeforeAll
  static void weave() throws Exception {
    inst = ByteBuddyAgent.install();
    weaving =
        new Weaver(
                List.of(PLAIN + "#parse*"),
                List.of(PLAIN + "#parseSecret", SHAPES + "#excluded*"),
                Pattern.compile("(?i).*secret.*"),
                "")
            .install(inst);
    WovenLoader loader = new WovenLoader("dev.tooltrace.testapp");
    shapes = loader.loadClass(SHAPES);
    plain = loader.loadClass(PLAIN);
    instance = shapes.getConstructor().newInstance();
  }

  @AfterAll
  static void unweave() {
    if (inst != null && weaving != null) {
      inst.removeTransformer(weaving);
    }
  }

  @BeforeEach
  void reset() {
    BRIDGE.mode(Mode.RECORD);
    BRIDGE.take();
  }

  /** Calls a method of the woven Shapes; an exception it throws is rethrown as is. */
  private static Object call(String name, Object... args) throws Throwable {
    return call(shapes, name, args);
  }

  private static Object call(Class<?> c, String name, Object... args) throws Throwable {
    Method m =
        Arrays.stream(c.getDeclaredMethods())
            .filter(x -> x.getName().equals(name))
            .findFirst()
            .orElseThrow();
    try {
      return m.invoke(Modifier.isStatic(m.getModifiers()) ? null : instance, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The calls into the bridge since the last take, as "argI 2"; enter without its tool id. */
  private static List<String> bridgeCalls() {
    List<Event> events = BRIDGE.take();
    if (!events.isEmpty() && events.get(0).frame() != null) {
      Object frame = events.get(0).frame();
      for (Event e : events) {
        assertSame(frame, e.frame(), "every call of one invocation uses enter's frame: " + events);
      }
    }
    return events.stream().map(e -> e.method().equals("enter") ? "enter" : e.toString()).toList();
  }

  private static int toolId(String method, Object... args) throws Throwable {
    call(method, args);
    List<Event> events = BRIDGE.take();
    assertEquals("enter", events.get(0).method(), events.toString());
    return (Integer) events.get(0).value();
  }

  @Test
  void intArgumentsAndResult() throws Throwable {
    assertEquals(5, call("addInts", 2, 3));
    assertEquals(List.of("enter", "argI 2", "argI 3", "begin", "exitI 5"), bridgeCalls());
  }

  @Test
  void longOnAnInstanceMethod() throws Throwable {
    assertEquals(142L, call("twiceLong", 21L));
    assertEquals(List.of("enter", "argJ 21", "begin", "exitJ 142"), bridgeCalls());
  }

  @Test
  void floatsTravelAsDoubles() throws Throwable {
    assertEquals(1.5, call("halfFloat", 3.0f));
    assertEquals(List.of("enter", "argD 3.0", "begin", "exitD 1.5"), bridgeCalls());
    assertEquals(2.5f, call("floatResult", 2.5));
    assertEquals(List.of("enter", "argD 2.5", "begin", "exitD 2.5"), bridgeCalls());
  }

  @Test
  void booleans() throws Throwable {
    assertEquals(false, call("not", true));
    assertEquals(List.of("enter", "argZ true", "begin", "exitZ false"), bridgeCalls());
  }

  @Test
  void byteShortAndCharTravelAsInts() throws Throwable {
    assertEquals('d', call("next", (byte) 1, (short) 2, 'a'));
    assertEquals(
        List.of("enter", "argI 1", "argI 2", "argI 97", "begin", "exitI 100"), bridgeCalls());
  }

  @Test
  void referencesAreTheCallersOwnObjects() throws Throwable {
    Object seven = Integer.valueOf(7);
    Object result = call("concat", "a", seven);
    assertEquals("a7", result);
    List<Event> events = BRIDGE.take();
    assertSame(seven, events.get(2).value());
    assertSame(result, events.get(4).value(), "exitL sees the very object returned");

    int[] in = {1, 2, 3};
    int[] out = (int[]) call("reversed", (Object) in);
    assertEquals(List.of(3, 2, 1), Arrays.stream(out).boxed().toList());
    events = BRIDGE.take();
    assertEquals("argL", events.get(1).method());
    assertSame(in, events.get(1).value());
    assertEquals("exitL", events.get(3).method());
    assertSame(out, events.get(3).value());

    Object o = new Object();
    assertSame(o, call("same", o));
  }

  @Test
  void twoSlotValuesBetweenOthersKeepTheirOrder() throws Throwable {
    assertEquals("1/2/3.5/x/true", call("mixed", 1L, 2, 3.5, "x", true));
    assertEquals(
        List.of(
            "enter",
            "argJ 1",
            "argI 2",
            "argD 3.5",
            "argL x",
            "argZ true",
            "begin",
            "exitL 1/2/3.5/x/true"),
        bridgeCalls());
  }

  @Test
  void voidMethods() throws Throwable {
    int before = shapes.getField("sideEffects").getInt(null);
    assertEquals(null, call("nothing"));
    assertEquals(before + 1, shapes.getField("sideEffects").getInt(null));
    assertEquals(List.of("enter", "begin", "exitV"), bridgeCalls());
  }

  @Test
  void exceptionsReachTheCallerUnchangedAndTheBridgeSeesThem() throws Throwable {
    IOException io = assertThrows(IOException.class, () -> call("fails", "bad input"));
    assertEquals("bad input", io.getMessage());
    List<Event> events = BRIDGE.take();
    assertEquals("exitThrown", events.get(events.size() - 1).method(), events.toString());
    assertSame(io, events.get(events.size() - 1).value());

    IllegalStateException ise =
        assertThrows(IllegalStateException.class, () -> call("failsUnchecked", 1));
    assertSame(ise, BRIDGE.take().get(3).value());
    assertEquals(0, call("failsUnchecked", 0));
    assertEquals(List.of("enter", "argI 0", "begin", "exitI 0"), bridgeCalls());
  }

  @Test
  void aMethodThatIsNoToolIsLeftAlone() throws Throwable {
    assertEquals(5, call("untracked", 5));
    assertEquals(List.of(), bridgeCalls());
  }

  @Test
  void includePatternsTrackByNameAndExcludeWins() throws Throwable {
    assertEquals(42, call(plain, "parseInt", "42"));
    assertEquals(List.of("enter", "argL 42", "begin", "exitI 42"), bridgeCalls());
    assertEquals("x", call(plain, "parseSecret", " x "));
    assertEquals(List.of(), bridgeCalls(), "excluded");
    assertEquals(3, call(plain, "render", 3));
    assertEquals(List.of(), bridgeCalls(), "not included");
    assertEquals(7, call("excludedDespiteAnnotation", 7));
    assertEquals(List.of(), bridgeCalls(), "exclude wins over @Tracked");
  }

  @Test
  void eachToolHasItsOwnIdCompiledIn() throws Throwable {
    int add = toolId("addInts", 1, 1);
    assertTrue(add > 0);
    assertEquals(add, toolId("addInts", 2, 2));
    assertNotEquals(add, toolId("not", false));
  }

  @Test
  void whenTheDispatcherDeclinesOnlyEnterIsCalled() throws Throwable {
    BRIDGE.mode(Mode.DECLINE);
    assertEquals(5, call("addInts", 2, 3));
    assertEquals(List.of("enter"), bridgeCalls());
    assertThrows(IOException.class, () -> call("fails", "x"));
    assertEquals(List.of("enter"), bridgeCalls());
  }

  @ParameterizedTest
  @EnumSource(
      value = Mode.class,
      names = {"THROW", "THROW_ON_ENTER"})
  void aThrowingDispatcherChangesNothingForTheApplication(Mode mode) throws Throwable {
    BRIDGE.mode(mode);
    assertEquals(5, call("addInts", 2, 3));
    assertEquals("1/2/3.5/x/true", call("mixed", 1L, 2, 3.5, "x", true));
    IOException io = assertThrows(IOException.class, () -> call("fails", "still mine"));
    assertEquals("still mine", io.getMessage());
    Object o = new Object();
    assertSame(o, call("same", o));
    assertEquals(null, call("nothing"));
    List<Event> events = BRIDGE.take();
    if (mode == Mode.THROW) {
      assertEquals(5, events.size(), "enter worked five times, the rest threw: " + events);
      assertTrue(events.stream().allMatch(e -> e.method().equals("enter")), events.toString());
    } else {
      assertEquals(List.of(), events);
    }
  }
}
