module github.com/tina4stack/tina4-go

go 1.24
