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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.ngi.NgiException;
import io.ngi.NgiTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector and the thread that drives it. Channels registered here are served by this
 * loop for life. Work from other threads arrives through a concurrent task queue and one
 * {@link Selector#wakeup()} per select at most.
 * <p>
 * A threaded loop starts its thread on the first task and lets it end when nothing is
 * registered and no task is queued (as zc.ngi does); a later task starts a new thread
 * with the same name. An inline loop has no thread: {@link #runInline} drives it in the
 * caller's thread and rethrows handler failures.
 * <p>
 * Ready keys are collected during the select and handled after it returned, so that a
 * channel closed by a handler can be released at once (see {@link #closeRegistered}): the
 * JDK only releases a registered channel at the selector's next select, which cannot run
 * inside another.
 * <p>
 * Timers ({@link TimerQueue}) fire from the loop thread; a select waits at most until the
 * first one is due. An iteration that fails is logged and counted, and the loop goes on.
 * <p>
 * (Past 500 lines: the threaded and the inline drivers still share this class, as they
 * share its state (the running flag, the idle monitor, the loop thread). Splitting them
 * is the next change here, before more is added.)
 */
final class EventLoop {

	private static final Logger logger = LoggerFactory.getLogger(EventLoop.class);

	static final int BUFFER_SIZE = 64 * 1024;

	private static final int MAX_TASKS_PER_ITERATION = 4096;

	/**
	 * The pause after an iteration failed twice in a row, so a broken selector cannot
	 * spin.
	 */
	private static final long ITERATION_FAILURE_PAUSE_MILLIS = 100;

	/** How long a close requested from another thread waits for the loop. */
	static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

	private static final long CLOSE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	/** The loop whose thread is the current thread, if any. */
	private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();

	private static final Consumer<SelectionKey> IGNORE = (key) -> {
	};

	private final String name;

	private final boolean daemon;

	private final boolean threaded;

	private final Selector selector;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/**
	 * True while no wakeup is needed: the loop is not blocked in select, or one is
	 * pending.
	 */
	private final AtomicBoolean wakeupDone = new AtomicBoolean(true);

	private final AtomicBoolean running = new AtomicBoolean();

	private final Object startLock = new Object();

	private final Object idleMonitor = new Object();

	private final ArrayDeque<NioConnection> flushQueue = new ArrayDeque<>();

	/** What runs on this loop now, for the blocked-loop watchdog and the statistics. */
	final LoopMonitor monitor = new LoopMonitor();

	private final TimerQueue timers = new TimerQueue(this.monitor);

	/**
	 * Connections closed during a suspended handler call: no longer registered, their
	 * close waits for the call to end, so a shutdown must deliver it; loop thread only.
	 */
	private final Set<NioConnection> closedWhileSuspended = new LinkedHashSet<>();

	private final ArrayList<SelectionKey> readyKeys = new ArrayList<>();

	private final Consumer<SelectionKey> collector = this.readyKeys::add;

	final ByteBuffer readBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);

	final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);

	/**
	 * TLS ciphertext received, lent to one {@link TlsWire} at a time; made on first use.
	 */
	private @Nullable ByteBuffer tlsIn;

	/**
	 * TLS ciphertext to send, lent to one {@link TlsWire} at a time; made on first use.
	 */
	private @Nullable ByteBuffer tlsOut;

	private volatile @Nullable Thread thread;

	private volatile @Nullable Thread loopThread;

	/**
	 * The UDP listener whose handler is running, so that a reply to the datagram's source
	 * goes out through the listener's socket; loop thread only.
	 */
	@Nullable NioUdpListener dispatchingUdp;

	private volatile boolean closed;

	private final AtomicLong iterationFailures = new AtomicLong();

	private int registered;

	private @Nullable Throwable failure;

	private volatile @Nullable Runnable threadStarted;

	/**
	 * {@link System#nanoTime()} read once per iteration, before timers and before the
	 * ready channels: a clock for what needs no precision (when a connection was last
	 * active, for diagnostics). Loop thread.
	 */
	long now = System.nanoTime();

	/**
	 * Where this loop's blocking work runs: TLS delegated tasks, connects' host-name
	 * lookups.
	 */
	final BlockingTasks blockingTasks;

	EventLoop(String name, boolean daemon, boolean threaded, BlockingTasks blockingTasks) {
		this.name = name;
		this.blockingTasks = blockingTasks;
		this.daemon = daemon;
		this.threaded = threaded;
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to open a selector for " + name, ex);
		}
	}

	String name() {
		return this.name;
	}

	boolean inLoop() {
		return Thread.currentThread() == this.loopThread;
	}

	boolean isRunning() {
		return this.running.get();
	}

	long iterationFailures() {
		return this.iterationFailures.get();
	}

	boolean isClosed() {
		return this.closed;
	}

	/**
	 * Queues a task for the loop thread, starting or waking the loop as needed.
	 * Thread-safe. Tasks run in order, never synchronously inside this call.
	 * @param task the task
	 */
	void execute(Runnable task) {
		this.tasks.add(task);
		if (!inLoop()) {
			wake();
		}
	}

	private void wake() {
		if (this.threaded && !this.running.get()) {
			start();
			return;
		}
		if (!this.wakeupDone.get() && this.wakeupDone.compareAndSet(false, true)) {
			this.selector.wakeup();
		}
	}

	private void start() {
		if (!this.running.compareAndSet(false, true)) {
			return;
		}
		synchronized (this.startLock) {
			if (this.closed) {
				this.running.set(false);
				return;
			}
			Thread previous = this.thread;
			Thread started = new Thread(() -> threadMain(previous), this.name);
			started.setDaemon(this.daemon);
			this.thread = started;
			started.start();
		}
		Runnable hook = this.threadStarted;
		if (hook != null) {
			hook.run();
		}
	}

	/**
	 * Sets what runs each time this loop starts a thread (the watchdog starts watching).
	 * @param hook the hook
	 */
	void onThreadStart(Runnable hook) {
		this.threadStarted = hook;
	}

	SelectionKey register(SelectableChannel channel, int ops, Selectable attachment) throws IOException {
		SelectionKey key = channel.register(this.selector, ops, attachment);
		this.registered++;
		return key;
	}

	void deregistered() {
		this.registered--;
	}

	/**
	 * Runs {@code task} now when called on this loop's thread, otherwise queues it for
	 * the loop. Any thread.
	 */
	void runInLoop(Runnable task) {
		if (inLoop()) {
			task.run();
		}
		else {
			execute(task);
		}
	}

	/**
	 * Runs {@code task} on the loop and returns once it ran, so that what it closes is
	 * closed when this returns. Any thread:
	 * <ul>
	 * <li>on this loop's thread it runs now;</li>
	 * <li>on another loop's thread it is queued and not waited for, since two loops
	 * waiting for each other would deadlock;</li>
	 * <li>on an inline loop that nobody runs now it is queued and runs when the loop next
	 * runs;</li>
	 * <li>on a closed loop it is queued and not waited for (closing the loop closed its
	 * channels);</li>
	 * <li>otherwise it waits up to {@link #CLOSE_WAIT} for the loop (a handler that
	 * blocks the loop longer delays the task; one WARN line naming {@code owner}
	 * then).</li>
	 * </ul>
	 * @param task the task
	 * @param owner what the task is for, for the log
	 */
	void runInLoopAndWait(Runnable task, Object owner) {
		if (inLoop()) {
			task.run();
			return;
		}
		CompletableFuture<Void> done = new CompletableFuture<>();
		execute(() -> {
			try {
				task.run();
			}
			finally {
				done.complete(null);
			}
		});
		if (CURRENT.get() != null || (!this.threaded && this.loopThread == null)) {
			return;
		}
		long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
		try {
			while (!done.isDone()) {
				if ((this.closed && !this.running.get()) || (!this.threaded && this.loopThread == null)) {
					return;
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					logger.warn("{} did not confirm the close of {} within {}", this, owner, CLOSE_WAIT);
					return;
				}
				try {
					done.get(Math.min(remaining, CLOSE_POLL_NANOS), TimeUnit.NANOSECONDS);
				}
				catch (TimeoutException ex) {
					// poll again: the loop may have been closed meanwhile
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("closing " + owner + " failed", ex);
		}
	}

	/**
	 * Cancels a channel's registration with this loop, if it was registered, closes the
	 * channel and, on the loop thread, makes the selector release it now (one
	 * {@code selectNow}), so that the socket is really closed when this returns: a closed
	 * listener's port refuses connects at once, and a closed UDP port can be bound again.
	 * Elsewhere the release happens at the loop's next select. A failure to close is
	 * logged, naming {@code owner}. Loop thread, or the thread closing a loop that has no
	 * thread any more.
	 */
	void closeRegistered(@Nullable SelectionKey key, Channel channel, Object owner) {
		if (key != null) {
			key.cancel();
			deregistered();
		}
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.warn("closing {} failed", owner, ex);
		}
		if (key != null && inLoop() && this.selector.isOpen()) {
			try {
				// The events of this select come again at the next one (level-triggered).
				this.selector.selectNow(IGNORE);
			}
			catch (IOException | ClosedSelectorException ex) {
				logger.warn("releasing {} failed on {}", owner, this.name, ex);
			}
		}
	}

	/**
	 * Remembers a connection closed while a handler call of it is suspended, so that
	 * {@link #close} delivers its close. Loop thread only.
	 */
	void closedWhileSuspended(NioConnection connection) {
		this.closedWhileSuspended.add(connection);
	}

	/** The suspended call of a closed connection ended. Loop thread only. */
	void resumedAfterClose(NioConnection connection) {
		this.closedWhileSuspended.remove(connection);
	}

	void needsFlush(NioConnection connection) {
		this.flushQueue.add(connection);
	}

	ByteBuffer tlsIn() {
		ByteBuffer buffer = this.tlsIn;
		if (buffer == null) {
			buffer = ByteBuffer.allocate(TlsWire.NET_BUFFER_SIZE);
			this.tlsIn = buffer;
		}
		return buffer;
	}

	ByteBuffer tlsOut() {
		ByteBuffer buffer = this.tlsOut;
		if (buffer == null) {
			buffer = ByteBuffer.allocate(TlsWire.NET_BUFFER_SIZE);
			this.tlsOut = buffer;
		}
		return buffer;
	}

	/**
	 * Records a handler failure that was already logged and handled. An inline loop
	 * rethrows it from {@link #runInline}.
	 * @param failure the failure
	 */
	void handlerFailed(Throwable failure) {
		if (this.threaded) {
			return;
		}
		if (this.failure == null) {
			this.failure = failure;
		}
		else if (this.failure != failure) {
			this.failure.addSuppressed(failure);
		}
	}

	private void threadMain(@Nullable Thread previous) {
		if (previous != null) {
			try {
				previous.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.loopThread = Thread.currentThread();
		CURRENT.set(this);
		boolean failedBefore = false;
		while (true) {
			try {
				if (!iterate(0)) {
					shutdownNow();
					return;
				}
				failedBefore = false;
				if (isIdle()) {
					this.selector.selectNow();
					synchronized (this.idleMonitor) {
						this.running.set(false);
						this.idleMonitor.notifyAll();
					}
					if (this.tasks.isEmpty() || this.closed || !this.running.compareAndSet(false, true)) {
						return;
					}
				}
			}
			catch (Throwable ex) {
				// Whatever failed, the loop goes on: its connections must not be stranded
				// on
				// a selector nobody selects any more.
				this.iterationFailures.incrementAndGet();
				logger.error("loop iteration failed on {}; the loop goes on", this.name, ex);
				if (failedBefore) {
					// The same failure again at once (a broken selector): do not spin.
					pause(ITERATION_FAILURE_PAUSE_MILLIS);
				}
				failedBefore = true;
			}
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Runs one iteration: queued tasks, pending flushes, one select and its events.
	 * @param timeoutMillis the longest select, 0 for no limit
	 * @return {@code false} if the loop was closed
	 */
	private boolean iterate(long timeoutMillis) throws IOException {
		runTasks();
		this.now = System.nanoTime();
		this.timers.runDue(this.now);
		flushPending();
		if (this.closed) {
			return false;
		}
		if (isIdle()) {
			return true;
		}
		long untilTimer = this.timers.nanosUntilNext(System.nanoTime());
		this.wakeupDone.set(false);
		try {
			if (!this.tasks.isEmpty() || untilTimer == 0) {
				this.selector.selectNow(this.collector);
			}
			else {
				this.selector.select(this.collector, selectTimeout(timeoutMillis, untilTimer));
			}
		}
		finally {
			this.wakeupDone.set(true);
		}
		this.now = System.nanoTime();
		dispatchReady();
		flushPending();
		return !this.closed;
	}

	/**
	 * Returns how long a select may block: until the caller's limit or the first timer,
	 * whichever comes first; 0 means no limit, as for {@link Selector#select(long)}.
	 */
	private static long selectTimeout(long timeoutMillis, long untilTimerNanos) {
		if (untilTimerNanos < 0) {
			return timeoutMillis;
		}
		// Rounded up, so that a timer is never found not yet due after the wait.
		long timerMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilTimerNanos + 999_999));
		return (timeoutMillis == 0) ? timerMillis : Math.min(timeoutMillis, timerMillis);
	}

	/**
	 * Schedules {@code task} to run on the loop thread after {@code delay}; loop thread
	 * only. A pending timer keeps the loop from going idle.
	 * @param delay the delay
	 * @param task the task; its failures are its own to handle
	 * @return the timer, to cancel it (loop thread only)
	 */
	TimerQueue.Timer schedule(Duration delay, Runnable task) {
		return scheduleAt(System.nanoTime() + delay.toNanos(), task);
	}

	/**
	 * Schedules {@code task} to run on the loop thread at {@code deadlineNanos}; loop
	 * thread only.
	 * @param deadlineNanos the {@link System#nanoTime()} at which it is due
	 * @param task the task; its failures are its own to handle
	 * @return the timer, to cancel it (loop thread only)
	 */
	TimerQueue.Timer scheduleAt(long deadlineNanos, Runnable task) {
		if (!inLoop()) {
			throw new IllegalStateException("schedule called outside the loop thread of " + this.name);
		}
		long now = System.nanoTime();
		return this.timers.schedule(now, deadlineNanos - now, task);
	}

	/**
	 * Schedules an implementation-level task from any thread; its failure is logged and
	 * handled as a handler's (an inline loop rethrows it).
	 * @param delay the delay, zero or negative for as soon as possible
	 * @param task the task
	 * @return the handle
	 */
	LoopTask scheduleTask(Duration delay, Runnable task) {
		long deadline = System.nanoTime() + saturatedNanos(delay);
		LoopTask scheduled = new LoopTask(this, () -> {
			try {
				task.run();
			}
			catch (Throwable ex) {
				logger.error("scheduled task failed on {}", this.name, ex);
				handlerFailed(ex);
			}
		});
		scheduled.start(deadline);
		return scheduled;
	}

	/**
	 * A delay in nanoseconds, negative ones as 0 and huge ones capped at about 292 years.
	 */
	static long saturatedNanos(Duration delay) {
		if (delay.isNegative()) {
			return 0;
		}
		try {
			return delay.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE / 2;
		}
	}

	/**
	 * Nothing registered, queued or waiting: a connection closed during a suspended
	 * handler call still counts until the call ends and its close is delivered.
	 */
	private boolean isIdle() {
		return this.registered == 0 && this.tasks.isEmpty() && this.flushQueue.isEmpty()
				&& this.closedWhileSuspended.isEmpty() && this.timers.size() == 0;
	}

	private void runTasks() {
		for (int i = 0; i < MAX_TASKS_PER_ITERATION; i++) {
			Runnable task = this.tasks.poll();
			if (task == null) {
				return;
			}
			this.monitor.enter(task);
			try {
				task.run();
			}
			catch (Throwable ex) {
				logger.error("task failed on {}", this.name, ex);
				handlerFailed(ex);
			}
			finally {
				this.monitor.exit();
			}
		}
	}

	private void flushPending() {
		NioConnection connection;
		while ((connection = this.flushQueue.poll()) != null) {
			this.monitor.enter(connection);
			try {
				connection.flushFromLoop();
			}
			catch (Throwable ex) {
				logger.error("flush failed on {}", connection, ex);
				connection.shutdown();
			}
			finally {
				this.monitor.exit();
			}
		}
	}

	private void dispatchReady() {
		try {
			for (int i = 0; i < this.readyKeys.size(); i++) {
				dispatch(this.readyKeys.get(i));
			}
		}
		finally {
			this.readyKeys.clear();
		}
	}

	private void dispatch(SelectionKey key) {
		Selectable selectable = (Selectable) key.attachment();
		if (!key.isValid()) {
			return;
		}
		this.monitor.enter(selectable);
		try {
			selectable.ready(key);
		}
		catch (Throwable ex) {
			logger.error("event handling failed on {}", selectable, ex);
			handlerFailed(ex);
			selectable.shutdown();
		}
		finally {
			this.monitor.exit();
		}
	}

	/** The thread running this loop now, for the watchdog's stack traces. */
	@Nullable Thread runningThread() {
		return this.loopThread;
	}

	/** Tasks queued for this loop and not yet run. Any thread; O(tasks). */
	int pendingTasks() {
		return this.tasks.size();
	}

	/**
	 * Runs the loop in the caller's thread until nothing is registered (inline loops
	 * only).
	 * @param timeout the longest time to run, or {@code null} for no limit
	 * @throws NgiTimeoutException if work remains at the deadline
	 */
	void runInline(@Nullable Duration timeout) {
		if (this.loopThread != null) {
			throw new IllegalStateException("loop is already running in " + this.loopThread);
		}
		if (this.closed) {
			throw new IllegalStateException("loop " + this.name + " is closed");
		}
		long deadline = (timeout != null) ? System.nanoTime() + timeout.toNanos() : 0;
		this.loopThread = Thread.currentThread();
		EventLoop outer = CURRENT.get();
		CURRENT.set(this);
		try {
			while (true) {
				long wait = 0;
				if (timeout != null) {
					long remaining = deadline - System.nanoTime();
					if (remaining <= 0) {
						runTasks();
						flushPending();
						rethrowFailure();
						if (isIdle()) {
							this.selector.selectNow();
							return;
						}
						throw new NgiTimeoutException("work remains after " + timeout + ": " + this.registered
								+ " channels registered on " + this.name);
					}
					wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining));
				}
				boolean open = iterate(wait);
				rethrowFailure();
				if (!open) {
					shutdownNow();
					return;
				}
				if (isIdle()) {
					this.selector.selectNow();
					return;
				}
			}
		}
		catch (IOException ex) {
			throw new NgiException("loop error on " + this.name + ": " + ex, ex);
		}
		finally {
			this.loopThread = null;
			if (outer != null) {
				CURRENT.set(outer);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	private void rethrowFailure() {
		Throwable thrown = this.failure;
		if (thrown == null) {
			return;
		}
		this.failure = null;
		if (thrown instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (thrown instanceof Error error) {
			throw error;
		}
		throw new NgiException("handler failed: " + thrown, thrown);
	}

	/**
	 * Waits until the loop has nothing registered and no thread.
	 * @param deadlineNanos the {@link System#nanoTime()} deadline
	 * @return whether it became idle in time
	 */
	boolean awaitIdle(long deadlineNanos) throws InterruptedException {
		synchronized (this.idleMonitor) {
			while (this.running.get()) {
				long remaining = deadlineNanos - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.idleMonitor, remaining);
			}
		}
		// The thread clears the flag just before it returns: wait for it to be gone too,
		// unless a new task has started a new thread meanwhile.
		Thread last = this.thread;
		if (last != null && last != Thread.currentThread() && !this.running.get()) {
			long remaining = deadlineNanos - System.nanoTime();
			TimeUnit.NANOSECONDS.timedJoin(last, Math.max(remaining, 1));
			return !last.isAlive() || this.running.get();
		}
		return true;
	}

	/**
	 * Closes the loop: every registered channel is closed, the thread ends and the
	 * selector is closed. Waits for the thread unless called on it.
	 * @param timeout how long to wait for the thread
	 */
	void close(Duration timeout) {
		Thread current;
		synchronized (this.startLock) {
			this.closed = true;
			current = this.thread;
		}
		if (inLoop()) {
			return;
		}
		if (current != null) {
			this.selector.wakeup();
			try {
				current.join(timeout.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (current.isAlive()) {
				logger.warn("loop thread {} did not stop within {}", this.name, timeout);
				return;
			}
		}
		if (this.loopThread != null && !this.threaded) {
			return;
		}
		shutdownNow();
	}

	/**
	 * Runs what is left in the queue, closes every registered channel, then the selector.
	 * Called on the loop thread, or by {@link #close} once no thread runs.
	 */
	private void shutdownNow() {
		runTasks();
		List<Selectable> attachments = new ArrayList<>();
		if (this.selector.isOpen()) {
			for (SelectionKey key : this.selector.keys()) {
				if (key.isValid() && key.attachment() instanceof Selectable selectable) {
					attachments.add(selectable);
				}
			}
		}
		attachments.addAll(this.closedWhileSuspended);
		this.closedWhileSuspended.clear();
		for (Selectable selectable : attachments) {
			try {
				selectable.shutdown();
			}
			catch (Throwable ex) {
				logger.error("shutdown failed on {}", selectable, ex);
			}
		}
		// What the closes queued (a listener's stop() completing) still runs.
		runTasks();
		this.flushQueue.clear();
		this.tasks.clear();
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			logger.warn("closing the selector of {} failed", this.name, ex);
		}
		synchronized (this.idleMonitor) {
			this.running.set(false);
			this.idleMonitor.notifyAll();
		}
	}

	@Override
	public String toString() {
		return "EventLoop[" + this.name + "]";
	}

}
