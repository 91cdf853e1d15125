module gosched/bench-baseline

go 1.19
