module gosched/sleepcycle

go 1.19
