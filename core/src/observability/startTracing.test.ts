import test from 'ava';
import { tracingRequested } from './startTracing.js';

test('startTracing › tracing is off unless the OTEL_* variables ask for it', (t) => {
  t.false(tracingRequested({}));
  t.false(tracingRequested({ OTEL_SERVICE_NAME: 'caravan' }), 'a service name alone exports nothing');
  t.true(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }));
  t.true(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }));
  t.true(tracingRequested({ OTEL_TRACES_EXPORTER: 'console' }));
  t.false(tracingRequested({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }));
  t.false(tracingRequested({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }));
});
