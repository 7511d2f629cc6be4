package metrics

import "github.com/prometheus/client_golang/prometheus"

// StoreCounts are the database writer's counters (package store), read at each scrape.
type StoreCounts struct {
	Written, Dropped, WriteFailures int64
	Queued                          int
}

// RegisterStore adds the database writer's metrics to m, read from counts at each scrape:
// records written and dropped (the queue was full while the database was slow or down, or the
// shutdown bound passed), failed batch writes (retried), and records waiting.
func (m *Metrics) RegisterStore(counts func() StoreCounts) {
	m.reg.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Namespace: Namespace, Name: "store_written_total",
			Help: "Records (questions, feedback clicks) written to the database.",
		}, func() float64 { return float64(counts().Written) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Namespace: Namespace, Name: "store_dropped_total",
			Help: "Records not written to the database: the queue (DATABASE_QUEUE) was full while the database was slow or down, or SHUTDOWN_TIMEOUT passed. Answers are never affected.",
		}, func() float64 { return float64(counts().Dropped) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Namespace: Namespace, Name: "store_write_failures_total",
			Help: "Batch writes to the database that failed and were retried.",
		}, func() float64 { return float64(counts().WriteFailures) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Namespace: Namespace, Name: "store_queued",
			Help: "Records waiting to be written to the database.",
		}, func() float64 { return float64(counts().Queued) }),
	)
}
