package io.ngi.nio;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JDK Flight Recorder event {@code io.ngi.LoopBlocked}: one handler call, task or timer
 * ran longer than the blocked-loop threshold, keeping every other connection of its loop
 * waiting. Committed when the episode ends; disabled unless a recording enables it
 * ({@code jcmd <pid> JFR.start} with the default settings does).
 */
@Name("io.ngi.LoopBlocked")
@Label("NGI Loop Blocked")
@Category({ "NGI" })
@Description("A handler call, task or timer ran longer than the threshold on an NGI event loop")
@StackTrace(false)
final class LoopBlockedEvent extends Event {

	@Label("Loop")
	String loop;

	@Label("Blocked By")
	@Description("The connection (and its handler's class) or the task that ran")
	String blockedBy;

	@Label("Blocked For")
	@Timespan(Timespan.NANOSECONDS)
	long blockedFor;

	@Label("Loop Stack")
	@Description("The top of the loop thread's stack while it was blocked")
	String loopStack;

}
