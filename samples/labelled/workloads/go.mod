module gosched/labelled

go 1.19
