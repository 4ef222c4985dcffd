package io.ngi.spring.boot.autoconfigure;

import org.springframework.core.Ordered;

import io.ngi.nio.NioImplementation;

/**
 * Applies {@code ngi.loops}, {@code ngi.output.*} and {@code ngi.loop.blocked-threshold}
 * to the implementation builder, at order 0 so that the application's customizers come
 * after it.
 */
final class NgiImplementationPropertiesCustomizer implements NgiImplementationCustomizer, Ordered {

	private final NgiProperties properties;

	NgiImplementationPropertiesCustomizer(NgiProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(NioImplementation.Builder builder) {
		NgiProperties.Output output = this.properties.getOutput();
		builder.loops(this.properties.effectiveLoops())
			.outputHighWaterMark(output.getHighWaterMark().toBytes())
			.outputLowWaterMark(output.getLowWaterMark().toBytes())
			.outputLimit(output.getLimit().toBytes())
			.blockedLoopThreshold(this.properties.getLoop().getBlockedThreshold());
	}

	@Override
	public int getOrder() {
		return 0;
	}

}
