/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

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
