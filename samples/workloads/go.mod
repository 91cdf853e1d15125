module gosched/workloads

go 1.19
